\set a random_zipfian(1, 1000, 1.1) - 1
SELECT lock_lines(ARRAY[:a]::int[], 1);
