-- Moments (朋友圈) posts of a shop, who may see them, and what customers did
-- with them. See src/modules/moments/README.md.
-- audience: public (no segment lists), hide (only hidden-from lists), show
-- (a shown-to list, perhaps with hidden-from lists too). status: active or
-- withdrawn. The counters are kept in the unit of each like, comment, click
-- and attributed order, so the console's list reads one row per post.
CREATE TABLE moments_post (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  author_staff_id BIGINT NOT NULL,
  body TEXT NOT NULL,
  product_id BIGINT,
  publish_at BIGINT NOT NULL,
  audience TEXT NOT NULL,
  status TEXT NOT NULL,
  like_count BIGINT NOT NULL DEFAULT 0,
  comment_count BIGINT NOT NULL DEFAULT 0,
  click_count BIGINT NOT NULL DEFAULT 0,
  order_count BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX moments_post_feed ON moments_post (merchant_id, status, publish_at, id);

-- A post's pictures in order (catalog images: their id and URL).
CREATE TABLE moments_image (
  merchant_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  image_id BIGINT NOT NULL,
  url TEXT NOT NULL,
  PRIMARY KEY (post_id, seq)
);

-- Who may see a post: rule show (visible only to these segments' customers)
-- or hide (hidden from them).
CREATE TABLE moments_audience (
  merchant_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  segment_id BIGINT NOT NULL,
  rule TEXT NOT NULL,
  PRIMARY KEY (post_id, segment_id)
);
CREATE INDEX moments_audience_of_merchant ON moments_audience (merchant_id, segment_id);

-- One like per customer and post (a second tap takes it back).
CREATE TABLE moments_like (
  merchant_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (post_id, customer_id)
);
CREATE INDEX moments_like_of_customer ON moments_like (merchant_id, customer_id);

-- Customers' comments; status visible or deleted (by the merchant, kept).
CREATE TABLE moments_comment (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  author_name TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  deleted_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX moments_comment_of_post ON moments_comment (merchant_id, post_id, id);

-- Taps through to a post's product (customer_id NULL for a guest).
CREATE TABLE moments_click (
  merchant_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  customer_id BIGINT,
  product_id BIGINT NOT NULL,
  clicked_at BIGINT NOT NULL
);
CREATE INDEX moments_click_of_customer ON moments_click (merchant_id, customer_id, clicked_at);

-- Orders attributed to a post: once per order.
CREATE TABLE moments_order (
  merchant_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  attributed_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, order_id)
);
