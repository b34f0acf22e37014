"""How many threads numpy's BLAS (OpenBLAS) may use in this process.

An answer's matrix products are small (a question vector against a few thousand heading or word vectors: ~0.1 ms on
one thread). OpenBLAS splits them over one thread per core anyway, and on a busy machine the second thread waits for
a core: 10-15 ms per product was measured on 2 shared cores, several products per answer, which doubled the answer
time. The app answers requests in parallel instead. Matrix-vector products give bit-identical results with any
thread count.
"""
from __future__ import annotations

import threading

_PREFIXES = ("libscipy_openblas", "libopenblas")  # numpy's and scipy's bundled OpenBLAS; torch's BLAS is left alone
_done: set[int] = set()
_lock = threading.Lock()


def limit_blas_threads(threads: int) -> None:
    """Cap numpy's BLAS at ``threads`` (0 = leave its default, one per core); cheap after the first call."""
    if threads <= 0 or threads in _done:
        return
    with _lock:
        if threads in _done:
            return
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - a dependency of the package
            return
        controller = ThreadpoolController()
        for prefix in _PREFIXES:
            selected = controller.select(prefix=prefix)
            if selected.lib_controllers:
                selected.limit(limits=threads)
        _done.clear()
        _done.add(threads)
