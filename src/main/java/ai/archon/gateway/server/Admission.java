package ai.archon.gateway.server;

/** What decides whether a request is taken at all, shared by every verticle: the shutdown drain and memory. */
record Admission(Drain drain, MemoryAdmission memory) { }
