"""The `casework` command line: a thin shell over the domain, the web app and the worker."""

import os

# spaCy's maths runs fastest single-threaded on small machines (measured about 5% faster on
# two cores), and a worker process parallelises by file anyway. Set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
