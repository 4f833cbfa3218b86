"""`hisab bench`: drives a running Hisab over HTTP and reports latency and throughput."""
