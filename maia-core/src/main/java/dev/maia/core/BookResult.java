package dev.maia.core;

import dev.maia.core.plan.BookingPlan;
import java.util.Optional;

/**
 * What {@link MaiaCompiler#book} did.
 *
 * @param plan the booking found, or why there is none
 * @param file the booking's new file relative to the platform repo; empty when nothing was written
 * @param text the file's content; empty when nothing was written
 */
public record BookResult(BookingPlan plan, Optional<String> file, Optional<String> text) {}
