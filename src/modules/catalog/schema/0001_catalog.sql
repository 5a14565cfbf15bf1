-- Categories, products with their spec options and SKUs, the home page's
-- featured list, and uploaded image metadata. Every table carries
-- merchant_id and every query filters by it. Stock is not here: it lives in
-- inventory_stock, keyed by SKU id.
CREATE TABLE catalog_category (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  sort_order BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX catalog_category_merchant ON catalog_category (merchant_id, sort_order, id);

-- status: draft | on_sale | off_sale | archived (never deleted).
-- detail_images and spec_options are JSON arrays, kept in the merchant's order.
CREATE TABLE catalog_product (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  subtitle TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  main_image_id BIGINT NOT NULL DEFAULT 0,
  main_image_url TEXT NOT NULL DEFAULT '',
  detail_images TEXT NOT NULL DEFAULT '[]',
  spec_options TEXT NOT NULL DEFAULT '[]',
  consumption_cycle_days BIGINT NOT NULL DEFAULT 0,
  no_reason_7d INTEGER NOT NULL DEFAULT 1,
  quality_return INTEGER NOT NULL DEFAULT 1,
  exchange INTEGER NOT NULL DEFAULT 1,
  refund_only INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX catalog_product_merchant ON catalog_product (merchant_id, status, id);
CREATE INDEX catalog_product_category ON catalog_product (merchant_id, category_id, id);

-- One row per sellable variant. spec_values is a JSON array holding one value
-- per spec option, in option order. Removed SKUs become off_sale and lose
-- their barcode, so a barcode names at most one live SKU per merchant.
CREATE TABLE catalog_sku (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  position BIGINT NOT NULL,
  spec_values TEXT NOT NULL DEFAULT '[]',
  price BIGINT NOT NULL CHECK (price > 0),
  list_price BIGINT,
  barcode TEXT,
  status TEXT NOT NULL DEFAULT 'on_sale',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX catalog_sku_product ON catalog_sku (merchant_id, product_id, position);
CREATE UNIQUE INDEX catalog_sku_barcode ON catalog_sku (merchant_id, barcode);

-- The home page: at most 8 product ids in the merchant's order. Setting it
-- replaces every row of the merchant.
CREATE TABLE catalog_featured (
  merchant_id BIGINT NOT NULL,
  position BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, position)
) ${WITHOUT_ROWID};

-- Uploaded pictures. The bytes live on disk at <upload_dir>/<path>; path is
-- "mch_<merchant>/img_<id>.<ext>", the same as the public /media URL's tail.
CREATE TABLE catalog_image (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX catalog_image_sha ON catalog_image (merchant_id, sha256);
