# Runs the generated hub.extraConfig snippet of a workspace outside JupyterHub: z2jh's get_config
# reads the rendered values (argv[1], JSON), KubeSpawner is a stub, and the clock is each case's
# "now". For each case (argv[2], JSON) it prints the profile slugs the user sees and what the pod
# hook does to a pod with the case's annotations, as one JSON list.
import datetime
import json
import sys
import types

values = json.load(open(sys.argv[1], encoding="utf-8"))
cases = json.load(open(sys.argv[2], encoding="utf-8"))


def get_config(key, default=None):
    node = values
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


sys.modules["z2jh"] = types.SimpleNamespace(get_config=get_config)
c = types.SimpleNamespace(KubeSpawner=types.SimpleNamespace())
scope = {"c": c}
exec(values["hub"]["extraConfig"]["maia-gpu-bookings"], scope)

results = []
for case in cases:
    now = datetime.datetime.fromisoformat(case["now"].replace("Z", "+00:00"))
    scope["maia_now"] = lambda now=now: now
    spawner = types.SimpleNamespace(user=types.SimpleNamespace(name=case["user"]))
    slugs = [profile["slug"] for profile in c.KubeSpawner.profile_list(spawner)]
    pod = types.SimpleNamespace(
        metadata=types.SimpleNamespace(annotations=case.get("annotations")),
        spec=types.SimpleNamespace(active_deadline_seconds=None),
    )
    try:
        c.KubeSpawner.modify_pod_hook(spawner, pod)
        results.append({"slugs": slugs, "deadline": pod.spec.active_deadline_seconds, "error": None})
    except RuntimeError as error:
        results.append({"slugs": slugs, "deadline": None, "error": str(error)})
print(json.dumps(results))
