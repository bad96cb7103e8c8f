-- The PostgreSQL peer of a stockhold lock: a conditional UPDATE per line in SKU order (no deadlocks), all or
-- nothing in one transaction, and a reservation row, as stockhold keeps one.
CREATE TABLE stock (sku int PRIMARY KEY, on_hand bigint NOT NULL, reserved bigint NOT NULL DEFAULT 0);
CREATE TABLE reservations (id bigserial PRIMARY KEY, skus int[] NOT NULL, units int NOT NULL,
    at timestamptz NOT NULL DEFAULT now());
INSERT INTO stock (sku, on_hand) SELECT g, 1000000000000 FROM generate_series(0, 999) g;
CREATE FUNCTION lock_lines(wanted int[], units int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  s int;
  id bigint;
BEGIN
  FOREACH s IN ARRAY (SELECT array_agg(DISTINCT x ORDER BY x) FROM unnest(wanted) x) LOOP
    UPDATE stock SET reserved = reserved + units WHERE sku = s AND on_hand - reserved >= units;
    IF NOT FOUND THEN RAISE EXCEPTION 'insufficient stock for %', s; END IF;
  END LOOP;
  INSERT INTO reservations (skus, units) VALUES (wanted, units) RETURNING reservations.id INTO id;
  RETURN id;
END $$;
