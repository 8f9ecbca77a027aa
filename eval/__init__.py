"""The evaluation of Talent Connect: a labelled set, the product against baselines, parsing measures."""
