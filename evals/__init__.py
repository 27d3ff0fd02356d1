"""Evaluation datasets, scorers and runners. Kept out of the default pytest run; `make evals` runs them."""
