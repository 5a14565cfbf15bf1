-- Fan votes (C2B). See src/modules/votes/README.md.
-- A vote: candidate styles customers vote on until ends_at (NULL: until
-- closed). status: open or closed.
CREATE TABLE votes_vote (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  ends_at BIGINT,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX votes_vote_of_merchant ON votes_vote (merchant_id, id);

-- A candidate style: its pictures (image_urls, one per line), its count of
-- votes (moved with each ballot), and once a winner, the product and the
-- pre-sale it became.
CREATE TABLE votes_candidate (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  vote_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  image_urls TEXT NOT NULL,
  votes BIGINT NOT NULL,
  product_id BIGINT,
  presale_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX votes_candidate_of_vote ON votes_candidate (merchant_id, vote_id, position);

-- One vote per customer per candidate: the key makes a repeat a no-op.
CREATE TABLE votes_ballot (
  merchant_id BIGINT NOT NULL,
  vote_id BIGINT NOT NULL,
  candidate_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (candidate_id, customer_id)
);
CREATE INDEX votes_ballot_of_customer ON votes_ballot (merchant_id, vote_id, customer_id);
