package dev.maia.core.render;

import dev.maia.core.model.Booking;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Project;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GPU part of the workspace (JupyterHub) values, as template model entries computed here so
 * that the template only places them:
 *
 * <ul>
 *   <li>{@code gpuProfiles}: the profiles every user of the project sees besides the CPU one: the
 *       opportunistic GPU profile ({@code maia-opportunistic}, preemptible) when the project has a
 *       GPU quota on the cluster;
 *   <li>{@code gpuCustom} and {@code gpuHubConfig}, only while the project has announced bookings on
 *       the cluster: the bookings with their booked profile ({@code maia-booked}, the booked
 *       product's nodes and GPUs) under {@code custom.maia.gpuBookings}, and a {@code
 *       hub.extraConfig} snippet that shows a booked profile only to its user while the booking is
 *       active, and sets the pod's {@code activeDeadlineSeconds} to end it by the end of the booking
 *       (a KubeSpawner {@code profile_list} callable and {@code modify_pod_hook}). The snippet reads
 *       nothing but the chart's own values: no API access, no credential.
 * </ul>
 *
 * <p>The admission policy checks all of it again: the hub only makes the right pod easy to get.
 */
final class WorkspaceGpuProfiles {

  static final String HUB_CONFIG_KEY = "maia-gpu-bookings";
  private static final String HUB_CONFIG = readHubConfig();

  private final GpuPolicyRenderer gpu;

  WorkspaceGpuProfiles(GpuPolicyRenderer gpu) {
    this.gpu = gpu;
  }

  /** The model entries for the project's tools on the cluster. */
  Map<String, Object> model(Project project, Cluster cluster) {
    Map<String, Object> model = new LinkedHashMap<>();
    List<Object> profiles = new ArrayList<>();
    project.gpu().filter(g -> g.quota() > 0).ifPresent(g -> {
      int gpus = Math.min(g.maxPerWorkspace(), g.quota());
      profiles.add(YamlFlow.markup(profile(
          "GPU, opportunistic (" + gpus + " x " + g.product() + ")",
          "gpu",
          "Within the project's GPU quota; stopped when a booked user needs the GPU.",
          override(gpus, GpuPolicyRenderer.nodeLabel(cluster, g.product()), GpuPolicyRenderer.OPPORTUNISTIC, null))));
    });
    model.put("gpuProfiles", profiles);
    List<Booking> announced =
        GpuPolicyRenderer.enforced(cluster) ? gpu.schedule().announced(project.name(), cluster.name()) : List.of();
    if (!announced.isEmpty()) {
      List<Object> bookings = new ArrayList<>();
      for (Booking booking : announced) {
        Map<String, Object> entry = new TreeMap<>();
        entry.put("id", booking.id());
        entry.put("user", booking.user());
        entry.put("start", booking.start().toString());
        entry.put("end", booking.end().toString());
        entry.put("profile", profile(
            "GPU, booked (" + booking.gpus() + " x " + booking.product() + " until " + booking.end() + ")",
            "gpu-booked",
            "Your GPU booking " + booking.id() + "; the server stops at the end of the booking.",
            override(booking.gpus(), GpuPolicyRenderer.nodeLabel(cluster, booking.product()), GpuPolicyRenderer.BOOKED, booking.id())));
        bookings.add(entry);
      }
      model.put("gpuCustom", YamlFlow.markup(Map.of("maia", Map.of("gpuBookings", bookings))));
      model.put("gpuHubConfig", YamlFlow.markup(Map.of(HUB_CONFIG_KEY, HUB_CONFIG)));
    }
    return model;
  }

  private static Map<String, Object> profile(String name, String slug, String description, Map<String, Object> override) {
    Map<String, Object> profile = new TreeMap<>();
    profile.put("display_name", name);
    profile.put("slug", slug);
    profile.put("description", description);
    profile.put("kubespawner_override", override);
    return profile;
  }

  /** What a GPU profile changes in the pod: GPUs, the product's nodes (by their label), and the priority. */
  private Map<String, Object> override(int gpus, String productLabel, String priority, String bookingId) {
    Map<String, Object> override = new TreeMap<>();
    override.put("extra_resource_limits", Map.of(GpuPolicyRenderer.GPU, String.valueOf(gpus)));
    override.put("node_selector", Map.of(GpuPolicyRenderer.PRODUCT_LABEL, productLabel));
    if (gpu.kueue()) {
      Map<String, Object> labels = new TreeMap<>();
      labels.put(KueueRenderer.QUEUE_LABEL, KueueRenderer.LOCAL_QUEUE);
      labels.put(KueueRenderer.PRIORITY_LABEL, priority);
      override.put("extra_labels", labels);
    } else {
      override.put("priority_class_name", priority);
    }
    if (bookingId != null) {
      override.put("extra_annotations", Map.of(GpuPolicyRenderer.BOOKING_ANNOTATION, bookingId));
    }
    return override;
  }

  private static String readHubConfig() {
    try (InputStream in = WorkspaceGpuProfiles.class.getResourceAsStream("workspace-gpu-bookings.py")) {
      if (in == null) {
        throw new IllegalStateException("workspace-gpu-bookings.py is missing from the maia-core jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
