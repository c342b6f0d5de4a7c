// Preloaded (`node -r`) into the api only when profiling. --cpu-prof writes its file when the
// process exits normally; Nest's shutdown hook re-raises SIGTERM after closing, and a process
// killed by a signal writes nothing. Registered first, this handler exits cleanly instead.
process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));
