"""Template packs: the manifest's shapes, the bundled packs and pins, sandboxed skeletons."""
