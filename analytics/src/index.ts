export * from "./sql/record-tables.sql";
