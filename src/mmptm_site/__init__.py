"""mmptm-site: a validated catalogue of large-scale multi-modal pre-trained models, published as a website."""

__version__ = "0.1.0"
