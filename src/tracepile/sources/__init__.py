"""Where programs come from: the bundled default (bundled/) and loaders for real datasets (loaders/).
Every source yields program records (tracepile.model.Program), or rejections with a reason."""
