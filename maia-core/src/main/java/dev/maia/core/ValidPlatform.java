package dev.maia.core;

import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.model.Platform;

/** A platform that passed every check: the loaded document and its model. */
public record ValidPlatform(LoadedPlatform loaded, Platform platform) {}
