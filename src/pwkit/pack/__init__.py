"""Template packs: the manifest, bundled packs and pins, sandboxed skeletons, rule catalogue."""
