// The earliest free slot is booked under the next free id, written next to platform.yaml by the
// canonical writer, and printed.
def log = new File(basedir, 'build.log').getText('UTF-8')
def file = new File(basedir, 'bookings/b-2026-0002.yaml')
assert file.isFile() : 'the booking was written as its own file'
assert file.getText('UTF-8') ==
    '# A GPU booking, written by maia:book. Commit it with the platform; edit or remove it like any booking.\n' +
    'bookings:\n' +
    '- cluster: lab\n' +
    '  end: "2026-11-29T11:00:00Z"\n' +
    '  gpus: 1\n' +
    '  id: b-2026-0002\n' +
    '  product: NVIDIA-L40S\n' +
    '  project: seg\n' +
    '  start: "2026-11-26T11:00:00Z"\n' +
    '  user: cy@lab.example.org\n'
assert log.contains('[INFO] Booked b-2026-0002: 1 x NVIDIA-L40S on cluster lab for cy@lab.example.org in project seg, from 2026-11-26T11:00:00Z to 2026-11-29T11:00:00Z.')
assert log.contains('[INFO] Wrote bookings/b-2026-0002.yaml; commit it with the platform:')
assert log.contains('[INFO]     id: b-2026-0002') : 'the booking is printed'
true
