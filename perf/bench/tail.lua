-- wrk prints p50 to p99 with --latency; this adds the slowest thousandth, where a pause of the
-- whole worker (a full garbage collection, say) shows first. Read by perf.bench.serve.parse_wrk.
done = function(summary, latency, requests)
  io.write(string.format("Latency 99.9%%: %dus\n", latency:percentile(99.9)))
end
