-- One database per service (docs/architecture.md §2); Flyway of each service creates its tables at start.
CREATE DATABASE recommender;
CREATE DATABASE drift;
CREATE DATABASE gateway;
