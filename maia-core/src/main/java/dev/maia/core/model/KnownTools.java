package dev.maia.core.model;

import java.util.SortedSet;
import java.util.TreeSet;

/** The tools of the built-in catalog, by the id a project's {@code tools} and {@code catalog} use. */
public final class KnownTools {

  private KnownTools() {}

  public static final SortedSet<String> IDS =
      java.util.Collections.unmodifiableSortedSet(
          new TreeSet<>(
              java.util.List.of(
                  "workspace",
                  "mlflow",
                  "minio",
                  "orthanc",
                  "monai-label",
                  "label-studio",
                  "kubeflow",
                  "xnat",
                  "monai-deploy")));
}
