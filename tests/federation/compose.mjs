// Composes Hisab's subgraph SDL (read from stdin) with a stub "customers" subgraph that adds a
// field to Invoice by its key, the way another team's service would. Prints the supergraph SDL;
// exits 1 with every composition error on stderr.
import { readFileSync } from "node:fs";
import { parse } from "graphql";
import { composeServices, compositionHasErrors } from "@theguild/federation-composition";

const CUSTOMERS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

  type Customer @key(fields: "id") {
    id: ID!
    name: String!
  }

  type Invoice @key(fields: "id") {
    id: ID!
    customer: Customer
  }

  type Query {
    customer(id: ID!): Customer
  }
`;

const hisab = readFileSync(0, "utf8");
const result = composeServices([
  { name: "hisab", typeDefs: parse(hisab), url: "http://hisab.invalid/graphql" },
  { name: "customers", typeDefs: parse(CUSTOMERS), url: "http://customers.invalid/graphql" },
]);

if (compositionHasErrors(result)) {
  for (const error of result.errors) {
    console.error(`${error.extensions?.code ?? "ERROR"}: ${error.message}`);
  }
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
