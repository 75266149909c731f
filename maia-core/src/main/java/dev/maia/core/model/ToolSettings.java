package dev.maia.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a project gives one tool, as plain immutable Java values (String, Boolean, Long,
 * BigDecimal, List, Map), checked by the schema. Templates read them as they are.
 */
public record ToolSettings(String tool, Map<String, Object> values) {

  public ToolSettings {
    values = Map.copyOf(values);
  }

  public boolean flag(String key) {
    return Boolean.TRUE.equals(values.get(key));
  }

  public Optional<String> text(String key) {
    Object value = values.get(key);
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }

  public Optional<Long> number(String key) {
    return values.get(key) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> list(String key) {
    return values.get(key) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }
}
