// A Helm chart repository on 127.0.0.1 serves two test charts, packaged with tar as Helm lays a
// chart archive out; the platform files name its port. An empty bare repository stands in for the
// GitOps repository. verify.groovy stops the server.
import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

def repo = new File(basedir, 'chart-repo')
repo.mkdirs()
def index = new StringBuilder('apiVersion: v1\nentries:\n')
['probe', 'unused-value'].each { chart ->
  def archive = new File(repo, "${chart}-0.1.0.tgz")
  def tar = ['tar', '-czf', archive.path, '-C', chartsDir, chart].execute()
  tar.waitForProcessOutput(System.out, System.err)
  assert tar.exitValue() == 0 : "tar $chart"
  def digest = MessageDigest.getInstance('SHA-256').digest(archive.bytes).encodeHex().toString()
  index << "  ${chart}:\n    - name: ${chart}\n      version: 0.1.0\n      digest: ${digest}\n      urls: [${archive.name}]\n"
}
new File(repo, 'index.yaml').setText(index.toString(), 'UTF-8')

def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { exchange ->
  def file = new File(repo, exchange.requestURI.path.substring(1))
  def body = file.isFile() ? file.bytes : 'not found'.bytes
  exchange.sendResponseHeaders(file.isFile() ? 200 : 404, body.length)
  exchange.responseBody.withStream { it.write(body) }
}
server.start()
System.properties['maia.it.chartServer'] = server
def url = "http://127.0.0.1:${server.address.port}/"

def platform = { String users, String tools -> """\
apiVersion: maia/v1alpha1
kind: Platform
metadata: {name: charts}
spec:
  gitops: {repoURL: https://git.example.org/maia/gitops.git}
  argocd: {cluster: one}
  identity: {issuer: https://iam.example.org/realms/maia}
  secrets: {store: {name: vault}}
  # the core layer's charts are not served here: the cluster runs its own
  core: {ingress: {enabled: false}, certManager: {enabled: false}, secrets: {enabled: false}, monitoring: {enabled: false}}
  catalog:
    xnat: {repoURL: '${url}', chart: probe, version: 0.1.0}
    minio: {repoURL: '${url}', chart: unused-value, version: 0.1.0}
  clusters:
    - {name: one, server: https://kubernetes.default.svc, domain: one.example.org}
  projects:
    - name: lung
      cluster: one
      users: [${users}]
      tools: {${tools}}
""" }
new File(basedir, 'platform-v1.yaml').setText(platform('a@x.org', 'xnat: {}'), 'UTF-8')
new File(basedir, 'platform.yaml').setText(platform('b@x.org', 'xnat: {}, minio: {}'), 'UTF-8')

def remote = new File(basedir, 'remote/gitops.git')
remote.mkdirs()
def init = ['git', 'init', '--quiet', '--bare', remote.path].execute()
init.waitForProcessOutput(System.out, System.err)
assert init.exitValue() == 0 : 'git init --bare'
true
