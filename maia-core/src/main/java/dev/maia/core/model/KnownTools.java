package dev.maia.core.model;

import java.util.SortedSet;

/** The tools of the built-in catalog, by the id a project's {@code tools} and {@code catalog} use. */
public final class KnownTools {

  private KnownTools() {}

  public static final SortedSet<String> IDS = ToolCatalog.builtIn().ids();
}
