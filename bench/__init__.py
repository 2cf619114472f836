"""Provides `make bench`: offload throughput beside cp and rsync+sha256sum, one run."""
