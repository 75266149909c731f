package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * E-mail addresses (a project's users and admins, a booking's user) are valid, and a person is
 * listed once per project: in users or in admins, ignoring case.
 */
final class EmailRules implements SemanticRule {

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      Map<String, String> first = new HashMap<>();
      members(project, project.users(), Pointers.project(i) + "/users/", first, sources, problems);
      members(project, project.admins(), Pointers.project(i) + "/admins/", first, sources, problems);
    }
    for (int k = 0; k < platform.bookings().size(); k++) {
      Booking booking = platform.bookings().get(k);
      valid(booking.user(), Pointers.booking(k) + "/user", problems);
    }
  }

  private static void members(
      Project project,
      List<String> addresses,
      String listPointer,
      Map<String, String> first,
      SourceMap sources,
      Problems problems) {
    for (int m = 0; m < addresses.size(); m++) {
      String address = addresses.get(m);
      String pointer = listPointer + m;
      if (!valid(address, pointer, problems)) {
        continue;
      }
      String earlier = first.putIfAbsent(Emails.key(address), pointer);
      if (earlier != null) {
        problems.add(
            pointer,
            "'" + address + "' is listed twice in project '" + project.name() + "' (first at " + sources.locate(earlier) + ")",
            "list each person once, in users or in admins");
      }
    }
  }

  private static boolean valid(String address, String pointer, Problems problems) {
    if (Emails.isValid(address)) {
      return true;
    }
    problems.add(pointer, "'" + address + "' is not a valid e-mail address", "write it as name@example.org");
    return false;
  }
}
