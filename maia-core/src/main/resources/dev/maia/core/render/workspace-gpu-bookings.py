# GPU bookings of this project, from maia-maven-plugin (see docs/gpu-booking.md).
# A user sees the booked GPU profile only while their booking is active, and a booked server is
# made to end by the end of the booking. The cluster's admission policy checks all of it again.
import datetime

from z2jh import get_config

MAIA_DEADLINE_MARGIN = datetime.timedelta(seconds=60)
MAIA_BOOKING_ANNOTATION = "maia.dev/booking"
maia_profiles = list(get_config("singleuser.profileList", None) or [])
maia_bookings = list((get_config("custom.maia", None) or {}).get("gpuBookings", []))


def maia_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def maia_now():
    return datetime.datetime.now(datetime.timezone.utc)


def maia_active_booking(username, now):
    for booking in maia_bookings:
        if booking["user"].lower() == username.lower() and maia_time(booking["start"]) <= now < maia_time(booking["end"]):
            return booking
    return None


def maia_profile_list(spawner):
    booking = maia_active_booking(spawner.user.name, maia_now())
    if booking is None:
        return maia_profiles
    return maia_profiles + [booking["profile"]]


def maia_modify_pod(spawner, pod):
    annotations = pod.metadata.annotations or {}
    booking_id = annotations.get(MAIA_BOOKING_ANNOTATION)
    if booking_id is None:
        return pod
    now = maia_now()
    booking = maia_active_booking(spawner.user.name, now)
    if booking is None or booking["id"] != booking_id:
        raise RuntimeError("GPU booking " + booking_id + " is not active now; choose another profile")
    seconds = int((maia_time(booking["end"]) - now - MAIA_DEADLINE_MARGIN).total_seconds())
    if seconds < 1:
        raise RuntimeError("GPU booking " + booking_id + " ends within a minute; choose another profile")
    pod.spec.active_deadline_seconds = seconds
    return pod


c.KubeSpawner.profile_list = maia_profile_list
c.KubeSpawner.modify_pod_hook = maia_modify_pod
