// An empty stand-in for the "server-only" package in command-line scripts (scripts/tsconfig.json): they run
// on the server by definition.
export {};
