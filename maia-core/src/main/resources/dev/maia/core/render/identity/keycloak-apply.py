"""Makes a Keycloak realm hold the groups, memberships and OIDC clients a MAIA platform describes.

Generated trees run this file unchanged in the Job and CronJob of identity/ (python3, standard
library only). It reads the desired state that maia:generate wrote (desired.json, in parts) and converges the
realm towards it through Keycloak's admin REST API:

- a group of the desired state is created when it is missing and gets exactly its members: people
  listed are added, people not listed are removed (a group whose members are null is only made to
  exist: the platform admin group's members are the site's);
- a group this platform made (attribute maia.dev/platform) that the desired state no longer has is
  deleted;
- a client of the desired state is created or updated to exactly its settings, redirect URIs and
  secret; a client this platform made that the desired state no longer has is deleted;
- nothing else is read for change: users are never created or deleted, and groups, clients and
  memberships of groups the platform does not own stay as they are.

A listed person is found by e-mail. Someone with no Keycloak account yet is reported and given the
membership on a later run, once the account exists (a first login through the site's identity
provider or directory makes it).

Usage: keycloak-apply.py DESIRED [--dry-run]
DESIRED is a desired.json file or a folder of them (the parts of a large platform), merged.
Environment: KEYCLOAK_URL (the server, without /realms), KEYCLOAK_CLIENT_ID and
KEYCLOAK_CLIENT_SECRET_FILE (the applier's own service-account client in the realm),
CLIENT_SECRETS_DIR (a file named by each client id, holding that client's secret).
Exit status: 0 converged, 1 something could not be applied (each problem is printed), 2 bad input.
"""

import collections
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

MARK = "maia.dev/platform"
PAGE = 100


class KeycloakError(Exception):
    pass


class Keycloak:
    def __init__(self, url, realm, client_id, client_secret):
        self.base = url.rstrip("/")
        self.realm = realm
        form = urllib.parse.urlencode({
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
        }).encode()
        answer = self._send("POST", self.base + "/realms/" + quote(realm) + "/protocol/openid-connect/token",
                            form, "application/x-www-form-urlencoded", token=None)
        self.token = json.loads(answer[1])["access_token"]

    def _send(self, method, url, body, content_type, token):
        request = urllib.request.Request(url, data=body, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        request.add_header("Accept", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.headers, response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")[:300]
            raise KeycloakError("%s %s answered HTTP %d: %s" % (method, urllib.parse.urlsplit(url).path, e.code, detail))
        except urllib.error.URLError as e:
            raise KeycloakError("%s %s: %s" % (method, url, e.reason))

    def call(self, method, path, representation=None):
        body = None if representation is None else json.dumps(representation).encode()
        headers, text = self._send(method, self.base + "/admin/realms/" + quote(self.realm) + path, body,
                                   "application/json" if body is not None else None, self.token)
        if method == "POST":
            location = headers.get("Location", "")
            return location.rsplit("/", 1)[-1]
        return json.loads(text) if text else None

    def pages(self, path):
        separator = "&" if "?" in path else "?"
        first = 0
        while True:
            page = self.call("GET", "%s%sfirst=%d&max=%d" % (path, separator, first, PAGE))
            yield from page
            if len(page) < PAGE:
                return
            first += PAGE


def comparable(value):
    return sorted(value) if isinstance(value, list) else value


def quote(text):
    return urllib.parse.quote(text, safe="")


class Applier:
    def __init__(self, keycloak, desired, secrets_dir, dry_run):
        self.kc = keycloak
        self.platform = desired["platform"]
        self.desired = desired
        self.secrets_dir = secrets_dir
        self.dry_run = dry_run
        self.problems = []
        self.users = {}

    def say(self, text):
        print(("would " if self.dry_run else "") + text, flush=True)

    def problem(self, text):
        self.problems.append(text)
        print("problem: " + text, file=sys.stderr, flush=True)

    def change(self, text, method, path, representation=None):
        self.say(text)
        if self.dry_run:
            return None
        return self.kc.call(method, path, representation)

    def owned(self, attributes, single):
        value = (attributes or {}).get(MARK)
        if single:
            return value
        return value[0] if value else None

    # groups

    def apply_groups(self):
        self.converge("group", "name", self.kc.pages("/groups?briefRepresentation=false"), self.desired["groups"],
                      self.apply_group, "/groups/", single=False)

    def converge(self, what, key, listed, desired, apply, path, single):
        """Applies each desired item, then deletes each item this platform made that is no longer desired."""
        existing = {item[key]: item for item in listed}
        wanted = {item[key]: item for item in desired}
        for name in sorted(wanted):
            try:
                apply(wanted[name], existing.get(name))
            except (KeycloakError, OSError) as e:
                self.problem("%s %s: %s" % (what, name, e))
        for name in sorted(existing.keys() - wanted.keys()):
            item = existing[name]
            if self.owned(item.get("attributes"), single) == self.platform:
                try:
                    self.change("delete %s %s (no longer in the platform)" % (what, name), "DELETE", path + item["id"])
                except KeycloakError as e:
                    self.problem("%s %s: %s" % (what, name, e))

    def apply_group(self, wanted, group):
        name = wanted["name"]
        if group is None:
            group_id = self.change("create group " + name, "POST", "/groups",
                                   {"name": name, "attributes": {MARK: [self.platform]}})
            members = {}
        else:
            group_id = group["id"]
            owner = self.owned(group.get("attributes"), False)
            if owner not in (None, self.platform):
                self.problem("group %s belongs to platform %s; left alone" % (name, owner))
                return
            if owner is None:
                attributes = dict(group.get("attributes") or {})
                attributes[MARK] = [self.platform]
                self.change("adopt group %s" % name, "PUT", "/groups/" + group_id, {"name": name, "attributes": attributes})
            members = {}
            if wanted["members"] is not None:
                for user in self.kc.pages("/groups/%s/members?briefRepresentation=true" % group_id):
                    members[(user.get("email") or "").lower()] = user
        if wanted["members"] is None:
            return
        listed = {email.lower() for email in wanted["members"]}
        for email in sorted(listed - members.keys()):
            user = self.user(email)
            if user is None:
                print("waiting: %s has no Keycloak account yet; %s is given on a later run" % (email, name), flush=True)
                continue
            self.change("add %s to %s" % (email, name), "PUT", "/users/%s/groups/%s" % (user["id"], group_id))
        for email in sorted(members.keys() - listed):
            user = members[email]
            self.change("remove %s from %s" % (email or user.get("username"), name), "DELETE",
                        "/users/%s/groups/%s" % (user["id"], group_id))

    def user(self, email):
        if email not in self.users:
            found = [u for u in self.kc.call("GET", "/users?exact=true&briefRepresentation=true&email=" + quote(email))
                     if (u.get("email") or "").lower() == email]
            self.users[email] = found[0] if len(found) == 1 else None
        return self.users[email]

    # clients

    def apply_clients(self):
        self.converge("client", "clientId", self.kc.pages("/clients"), self.desired["clients"], self.apply_client,
                      "/clients/", single=True)

    def representation(self, wanted):
        path = os.path.join(self.secrets_dir, wanted["clientId"])
        with open(path, encoding="utf-8") as f:
            secret = f.read().strip()
        if not secret:
            raise OSError("the secret file %s is empty" % path)
        return {
            "clientId": wanted["clientId"],
            "name": wanted["name"],
            "enabled": True,
            "protocol": "openid-connect",
            "publicClient": False,
            "bearerOnly": False,
            "clientAuthenticatorType": "client-secret",
            "secret": secret,
            "standardFlowEnabled": True,
            "implicitFlowEnabled": False,
            "directAccessGrantsEnabled": False,
            "serviceAccountsEnabled": False,
            "redirectUris": sorted(wanted["redirectUris"]),
            "webOrigins": [],
        }

    def apply_client(self, wanted, client):
        client_id = wanted["clientId"]
        settings = self.representation(wanted)
        if client is None:
            settings["attributes"] = {MARK: self.platform}
            settings["protocolMappers"] = [self.groups_mapper()]
            self.change("create client %s (%s)" % (client_id, ", ".join(settings["redirectUris"])), "POST", "/clients", settings)
            return
        owner = self.owned(client.get("attributes"), True)
        if owner not in (None, self.platform):
            self.problem("client %s belongs to platform %s; left alone" % (client_id, owner))
            return
        current = self.kc.call("GET", "/clients/" + client["id"])
        secret = self.kc.call("GET", "/clients/%s/client-secret" % client["id"]).get("value")
        attributes = dict(current.get("attributes") or {})
        changed = sorted(k for k, v in settings.items() if k != "secret" and comparable(current.get(k)) != comparable(v))
        if secret != settings["secret"]:
            changed.append("secret")
        if owner is None:
            changed.append("owner")
        if changed:
            attributes[MARK] = self.platform
            updated = dict(current)
            updated.update(settings)
            updated["attributes"] = attributes
            updated.pop("protocolMappers", None)
            self.change("update client %s (%s)" % (client_id, ", ".join(changed)), "PUT", "/clients/" + client["id"], updated)
        mappers = {m["name"]: m for m in current.get("protocolMappers") or []}
        mapper = self.groups_mapper()
        if "groups" not in mappers:
            self.change("add the groups claim to client %s" % client_id, "POST", "/clients/%s/protocol-mappers/models" % client["id"], mapper)
        elif (mappers["groups"].get("protocolMapper") != mapper["protocolMapper"]
              or any((mappers["groups"].get("config") or {}).get(k) != v for k, v in mapper["config"].items())):
            # only the settings it makes are compared: Keycloak adds defaults of its own (introspection)
            mapper["id"] = mappers["groups"]["id"]
            self.change("set the groups claim of client %s" % client_id, "PUT",
                        "/clients/%s/protocol-mappers/models/%s" % (client["id"], mapper["id"]), mapper)

    @staticmethod
    def groups_mapper():
        return {
            "name": "groups",
            "protocol": "openid-connect",
            "protocolMapper": "oidc-group-membership-mapper",
            "config": {
                "claim.name": "groups",
                "full.path": "false",
                "id.token.claim": "true",
                "access.token.claim": "true",
                "userinfo.token.claim": "true",
            },
        }


def read_desired(path):
    """The desired state of a file, or of every *.json file of a folder (its parts), merged."""
    if os.path.isdir(path):
        files = sorted(os.path.join(path, name) for name in os.listdir(path) if name.endswith(".json"))
    else:
        files = [path]
    if not files:
        raise ValueError("%s holds no desired state (*.json)" % path)
    desired = None
    for name in files:
        with open(name, encoding="utf-8") as f:
            part = json.load(f)
        if desired is None:
            desired = {"platform": part["platform"], "realm": part["realm"], "groups": [], "clients": []}
        elif (part["platform"], part["realm"]) != (desired["platform"], desired["realm"]):
            raise ValueError("%s is of platform %s, realm %s; the other parts are of platform %s, realm %s"
                             % (name, part["platform"], part["realm"], desired["platform"], desired["realm"]))
        desired["groups"].extend(part["groups"])
        desired["clients"].extend(part["clients"])
    for kind, key in (("groups", "name"), ("clients", "clientId")):
        twice = sorted(n for n, times in collections.Counter(item[key] for item in desired[kind]).items() if times > 1)
        if twice:
            raise ValueError("the desired state has %s more than once: %s" % (kind, ", ".join(twice)))
    return desired


def main(argv):
    args = [a for a in argv[1:] if a != "--dry-run"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        desired = read_desired(args[0])
    except (OSError, ValueError, KeyError) as e:
        print("cannot read the desired state: %s" % e, file=sys.stderr)
        return 2
    try:
        url = os.environ["KEYCLOAK_URL"]
        client_id = os.environ["KEYCLOAK_CLIENT_ID"]
        with open(os.environ["KEYCLOAK_CLIENT_SECRET_FILE"], encoding="utf-8") as f:
            client_secret = f.read().strip()
        secrets_dir = os.environ["CLIENT_SECRETS_DIR"]
    except KeyError as e:
        print("the environment variable %s is not set" % e, file=sys.stderr)
        return 2
    except OSError as e:
        print(e, file=sys.stderr)
        return 2
    try:
        keycloak = Keycloak(url, desired["realm"], client_id, client_secret)
    except KeycloakError as e:
        print("cannot log in to realm %s as %s: %s" % (desired["realm"], client_id, e), file=sys.stderr)
        return 1
    applier = Applier(keycloak, desired, secrets_dir, "--dry-run" in argv)
    try:
        applier.apply_groups()
        applier.apply_clients()
    except KeycloakError as e:
        applier.problem(str(e))
    if applier.problems:
        print("%d problem(s); the rest is applied" % len(applier.problems), file=sys.stderr)
        return 1
    print("realm %s matches platform %s" % (desired["realm"], applier.platform), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
