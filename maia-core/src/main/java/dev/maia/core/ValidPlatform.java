package dev.maia.core;

import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.LockReader;
import dev.maia.core.model.Platform;
import dev.maia.core.plan.PortAllocator;

/**
 * A platform that passed every check: the loaded document, its model, the lock file as read, and
 * the allocation of every port the platform needs (which may differ from the lock file).
 */
public record ValidPlatform(
    LoadedPlatform loaded, Platform platform, LockReader.Result lockFile, PortAllocator.Allocation allocation) {}
