"""The benchmark (`make bench`) and the load test (`make loadtest`): tooling, not part of the site.

They run with perf.settings, which adds this app (for its commands and its floor page) to the
site's own settings; production never loads it.
"""
