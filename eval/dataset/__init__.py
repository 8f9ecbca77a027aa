"""The labelled evaluation set: postings, resumes in several formats and layouts, and graded pairs.

Generated at run time from seeded latent profiles (`python -m eval.dataset.build`); graded by the
written rules in eval/RULES.md.
"""
