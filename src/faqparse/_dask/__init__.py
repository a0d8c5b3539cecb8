"""The parts of ``faqparse.dask`` that run on the workers and need no Dask to be read."""
