// Composes Hisab's subgraph SDL (read from stdin) with a stub "projects" subgraph that adds a
// field to Invoice by its key, the way another team's service would. Prints the supergraph SDL;
// exits 1 with every composition error on stderr.
import { readFileSync } from "node:fs";
import { parse } from "graphql";
import { composeServices, compositionHasErrors } from "@theguild/federation-composition";

const PROJECTS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

  type Project @key(fields: "id") {
    id: ID!
    name: String!
  }

  type Invoice @key(fields: "id") {
    id: ID!
    project: Project
  }

  type Query {
    project(id: ID!): Project
  }
`;

const hisab = readFileSync(0, "utf8");
const result = composeServices([
  { name: "hisab", typeDefs: parse(hisab), url: "http://hisab.invalid/graphql" },
  { name: "projects", typeDefs: parse(PROJECTS), url: "http://projects.invalid/graphql" },
]);

if (compositionHasErrors(result)) {
  for (const error of result.errors) {
    console.error(`${error.extensions?.code ?? "ERROR"}: ${error.message}`);
  }
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
