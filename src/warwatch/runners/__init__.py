"""Runners map the pipeline over pages: `local` in this process, `spark` on a cluster."""
