package ai.claw.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stack/kubernetes/, offline: {@code kubectl kustomize} renders it (with and without the
 * prometheus-operator component), every rendered and every source document passes the strict
 * fabric8 schema check ({@link StrictModel}), the injection is wired consistently (init
 * container, volume, mounts, JAVA_TOOL_OPTIONS, port, annotations, PodMonitor selector and
 * port, the agent image's paths), and prometheus-kubernetes-sd.yml's relabelling, run by a
 * real Prometheus on the meta labels Kubernetes discovery gives the rendered pods, yields one
 * target per pod scraping the agent port with the documented labels.
 */
class KubernetesManifestsTest {

    private static final String K8S = "stack/kubernetes";
    private static final String AGENT_JAR = "claw-ai-agent.jar";

    @TempDir
    Path dir;

    private String kubectl() {
        return Repo.requireTool("kubectl", "the kubectl package of this machine image; any kubectl >= 1.21 has kustomize built in");
    }

    private String render(Path kustomizationDir) {
        return Proc.ok(List.of(kubectl(), "kustomize", kustomizationDir.toString()), Repo.root().toFile(), null, 120);
    }

    /** A kustomization in a temp dir using stack/kubernetes plus its prometheus-operator component (paths relative: kustomize refuses absolute ones). */
    private Path withOperatorComponent() throws Exception {
        Path overlay = Files.createDirectories(dir.resolve("with-operator"));
        String base = overlay.relativize(Repo.path(K8S)).toString();
        Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "resources:",
                "  - " + base,
                "components:",
                "  - " + base + "/prometheus-operator",
                ""));
        return overlay;
    }

    private static List<Object> strict(String yaml, String where) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Object> models = new ArrayList<>();
        for (JsonNode doc : StrictModel.documents(yaml)) {
            models.add(StrictModel.read(doc, where, problems));
        }
        assertEquals(List.of(), problems, where + " does not match the Kubernetes schema");
        return models;
    }

    private static <T> List<T> ofType(List<Object> models, Class<T> type) {
        return models.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    @Test
    void theSchemaCheckRejectsWhatTheApiServerRejects() throws Exception {
        String deployment = String.join("\n",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata: {name: x, annotations: {%s}}",
                "spec:",
                "  selector: {matchLabels: {app: x}}",
                "  template:",
                "    metadata: {labels: {app: x}}",
                "    spec:",
                "      containers:",
                "        - name: a",
                "          image: busybox:1.36",
                "          %s",
                "");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("an unknown field", String.format(deployment, "a: b", "bogusField: 1"));
        bad.put("a misspelt field", String.format(deployment, "a: b", "volumeMount: []"));
        bad.put("a string where a number belongs", String.format(deployment, "a: b", "ports: [{containerPort: \"9464\"}]"));
        bad.put("an unquoted boolean annotation", String.format(deployment, "prometheus.io/scrape: true", "ports: []"));
        bad.put("a PodMonitor with a misspelt field", String.join("\n",
                "apiVersion: monitoring.coreos.com/v1", "kind: PodMonitor", "metadata: {name: m}",
                "spec: {selector: {matchLabels: {a: b}}, podMetricEndpoints: [{port: x}]}", ""));
        bad.put("an unknown kind", "apiVersion: v1\nkind: Pood\nmetadata: {name: p}\n");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode doc : StrictModel.documents(e.getValue())) {
                StrictModel.read(doc, e.getKey(), problems);
            }
            assertFalse(problems.isEmpty(), e.getKey() + " passed the schema check");
        }
        List<String> none = new ArrayList<>();
        StrictModel.read(StrictModel.documents(String.format(deployment, "a: b", "ports: [{containerPort: 9464}]")).get(0), "good", none);
        assertEquals(List.of(), none);
    }

    @Test
    void everySourceManifestMatchesTheSchema() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Repo.path(K8S))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().collect(Collectors.toList());
        }
        assertEquals(Set.of("sample-app.yaml", "patch.yaml", "podmonitor.yaml"),
                files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        for (Path f : files) {
            strict(Files.readString(f), Repo.root().relativize(f).toString());
        }
    }

    @Test
    void theRenderedDeploymentCarriesTheAgentConsistently() throws Exception {
        List<Object> plain = strict(render(Repo.path(K8S)), "kubectl kustomize " + K8S);
        assertEquals(0, ofType(plain, PodMonitor.class).size(), "the PodMonitor is opt-in (its CRD may be absent)");
        List<Object> models = strict(render(withOperatorComponent()), "kubectl kustomize " + K8S + " + prometheus-operator");
        assertEquals(3, models.size(), "Deployment, Service, PodMonitor");

        Deployment deployment = ofType(models, Deployment.class).get(0);
        Service service = ofType(models, Service.class).get(0);
        PodMonitor podMonitor = ofType(models, PodMonitor.class).get(0);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();

        // Generic pod sanity: what the API server or the kubelet would refuse.
        assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()),
                "the selector matches the template's labels");
        List<Container> all = new ArrayList<>(pod.getInitContainers());
        all.addAll(pod.getContainers());
        Set<String> names = new HashSet<>();
        Set<String> portNames = new HashSet<>();
        Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
        for (Container c : all) {
            assertTrue(names.add(c.getName()), "container names are unique: " + c.getName());
            assertNotNull(c.getImage(), "container " + c.getName() + " has an image (a patch naming no existing container adds one without)");
            for (ContainerPort p : c.getPorts()) {
                assertTrue(p.getName() == null || (p.getName().length() <= 15 && portNames.add(p.getName())),
                        "port names are unique and at most 15 characters: " + p.getName());
            }
            for (VolumeMount m : c.getVolumeMounts()) {
                assertTrue(volumes.contains(m.getName()), c.getName() + " mounts an undeclared volume " + m.getName());
            }
        }

        // The init container: the agent image, copying into the shared volume at /shared (the
        // image's default command, checked against the Dockerfile in AgentImageTest).
        assertEquals(1, pod.getInitContainers().size());
        Container init = pod.getInitContainers().get(0);
        assertEquals("claw-ai-agent", init.getName());
        assertEquals("claw-ai-agent:1.0.0", init.getImage());
        assertTrue(init.getCommand().isEmpty() && init.getArgs().isEmpty(), "the init container runs the image's default command");
        assertEquals(1, init.getVolumeMounts().size());
        VolumeMount shared = init.getVolumeMounts().get(0);
        assertEquals(AgentImageTest.SHARED_DIR, shared.getMountPath());
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(shared.getName())).findFirst().orElseThrow();
        assertNotNull(volume.getEmptyDir(), "the shared volume is an emptyDir");

        // The application container: the image untouched, the agent through the environment.
        assertEquals(1, pod.getContainers().size());
        Container app = pod.getContainers().get(0);
        assertEquals("claw-ai-sample-app:1.0.0", app.getImage());
        Map<String, String> env = app.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        VolumeMount agentMount = app.getVolumeMounts().stream().filter(m -> m.getName().equals(shared.getName())).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, agentMount.getReadOnly());
        assertEquals("-javaagent:" + agentMount.getMountPath() + "/" + AGENT_JAR, env.get("JAVA_TOOL_OPTIONS"));
        assertEquals("/agent", agentMount.getMountPath());
        assertEquals("9464", env.get("CLAW_AI_PORT"));
        ContainerPort metrics = app.getPorts().stream().filter(p -> "claw-metrics".equals(p.getName())).findFirst().orElseThrow();
        assertEquals(9464, metrics.getContainerPort());
        assertEquals("TCP", metrics.getProtocol());
        assertTrue(app.getPorts().stream().anyMatch(p -> "http".equals(p.getName())), "the application's own port is kept");

        // Discovery: the annotations name the same port, the PodMonitor selects the pod and the port.
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals(env.get("CLAW_AI_PORT"), annotations.get("prometheus.io/port"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
        assertTrue(podLabels.entrySet().containsAll(podMonitor.getSpec().getSelector().getMatchLabels().entrySet()),
                "the PodMonitor selects the pod: " + podMonitor.getSpec().getSelector().getMatchLabels() + " vs " + podLabels);
        assertEquals(1, podMonitor.getSpec().getPodMetricsEndpoints().size());
        PodMetricsEndpoint endpoint = podMonitor.getSpec().getPodMetricsEndpoints().get(0);
        assertEquals("claw-metrics", endpoint.getPort());
        assertEquals("/metrics", endpoint.getPath());
        RelabelConfig job = endpoint.getRelabelings().stream().filter(r -> "job".equals(r.getTargetLabel())).findFirst().orElseThrow();
        assertEquals("claw-ai-agent", job.getReplacement(), "the stack's alerts watch job=\"claw-ai-agent\"");

        // The Service reaches the application port only, through a port the pod declares.
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        for (ServicePort p : service.getSpec().getPorts()) {
            String target = p.getTargetPort().getStrVal();
            assertTrue(target == null ? app.getPorts().stream().anyMatch(cp -> cp.getContainerPort().equals(p.getTargetPort().getIntVal()))
                    : portNames.contains(target), "service port " + p.getName() + " targets a declared container port");
        }
    }

    private static final Set<String> K8S_SD_KEYS = Set.of("api_server", "role", "kubeconfig_file", "namespaces", "selectors",
            "attach_metadata", "basic_auth", "authorization", "oauth2", "proxy_url", "no_proxy", "proxy_from_environment",
            "proxy_connect_header", "tls_config", "follow_redirects", "enable_http2");

    /**
     * Debian's Prometheus is built without Kubernetes discovery, so promtool cannot parse
     * kubernetes_sd_configs here: the stanza is checked against the fields and rules of
     * Prometheus' kubernetes SD config, then replaced by file_sd_configs carrying exactly the meta
     * labels the pod role gives the rendered pods, and the rest (relabelling and all) runs in a
     * real Prometheus.
     */
    @Test
    void theKubernetesScrapeConfigRelabelsTheRenderedPodsIntoOneTargetEach() throws Exception {
        String promtool = Repo.requireTool("promtool", "apt-get install --no-install-recommends prometheus");
        JsonNode config = StrictModel.YAML_TREE.readTree(Repo.read(K8S + "/prometheus-kubernetes-sd.yml"));
        assertEquals(List.of("scrape_configs"), fieldNames(config));
        assertEquals(1, config.path("scrape_configs").size());
        ObjectNode job = (ObjectNode) config.path("scrape_configs").get(0).deepCopy();
        assertEquals("claw-ai-agent", job.path("job_name").asText(), "the job the stack's alerts watch");
        JsonNode sdConfigs = job.path("kubernetes_sd_configs");
        assertEquals(1, sdConfigs.size());
        JsonNode sd = sdConfigs.get(0);
        assertTrue(K8S_SD_KEYS.containsAll(fieldNames(sd)), "kubernetes_sd_configs fields: " + fieldNames(sd));
        assertEquals("pod", sd.path("role").asText());
        Map<String, String> labelSelector = new TreeMap<>();
        for (JsonNode selector : sd.path("selectors")) {
            assertTrue(Set.of("role", "label", "field").containsAll(fieldNames(selector)), "selector fields: " + fieldNames(selector));
            assertEquals("pod", selector.path("role").asText(), "the pod role accepts only pod selectors");
            for (String term : selector.path("label").asText().split(",")) {
                String[] kv = term.split("=", 2);
                labelSelector.put(kv[0].trim(), kv[1].trim());
            }
        }

        Deployment deployment = ofType(strict(render(Repo.path(K8S)), "render"), Deployment.class).get(0);
        try (Exposition agent = Exposition.serve("# TYPE claw_ai_http_requests_total counter\n"
                + "claw_ai_http_requests_total{method=\"GET\",endpoint=\"/api/health\",status=\"200\"} 5\n")) {
            // The pods the Deployment would make; the agent port is where our stand-in agent listens.
            ArrayNode groups = StrictModel.YAML_TREE.createArrayNode();
            addPod(groups, deployment, "claw-ai-sample-app-7d9f-a1", "Running", "true", agent.port());
            addPod(groups, deployment, "claw-ai-sample-app-7d9f-b2", "Running", "true", agent.port());
            addPod(groups, deployment, "claw-ai-sample-app-7d9f-c3", "Running", "false", agent.port());   // not annotated for scraping
            addPod(groups, deployment, "claw-ai-sample-app-7d9f-d4", "Pending", "true", agent.port());    // not running yet
            // The API server applies the discovery's label selector; the pods above all carry it.
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(podLabels.entrySet().containsAll(labelSelector.entrySet()),
                    "the discovery's label selector " + labelSelector + " matches the injected pods " + podLabels);
            Path targets = dir.resolve("pods.json");
            Files.writeString(targets, groups.toPrettyString());

            job.remove("kubernetes_sd_configs");
            job.putArray("file_sd_configs").addObject().putArray("files").add(targets.toString());
            job.put("scrape_interval", "1s");
            job.put("scrape_timeout", "1s");
            ObjectNode prometheusConfig = StrictModel.YAML_TREE.createObjectNode();
            prometheusConfig.putObject("global").put("scrape_interval", "1s");
            prometheusConfig.putArray("scrape_configs").add(job);
            String json = Prometheus.JSON.writeValueAsString(prometheusConfig);
            Path check = dir.resolve("check.yml");
            Files.writeString(check, json);
            Proc.ok(List.of(promtool, "check", "config", check.toString()), dir.toFile(), null, 60);

            try (Prometheus prometheus = Prometheus.start("k8s-sd", dir, json, List.of())) {
                JsonNode[] active = {null};
                try {
                    ai.claw.it.Waits.until(Duration.ofSeconds(30), "two healthy targets", () -> {
                        active[0] = prometheus.activeTargets();
                        int up = 0;
                        for (JsonNode t : active[0]) {
                            up += "up".equals(t.path("health").asText()) ? 1 : 0;
                        }
                        return active[0].size() == 2 && up == 2;
                    });
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; active targets: " + active[0], e);
                }
                Set<Map<String, String>> labels = new HashSet<>();
                for (JsonNode t : active[0]) {
                    assertEquals("http://127.0.0.1:" + agent.port() + "/metrics", t.path("scrapeUrl").asText());
                    labels.add(textMap(t.path("labels")));
                }
                Set<Map<String, String>> expected = new HashSet<>();
                for (String podName : List.of("claw-ai-sample-app-7d9f-a1", "claw-ai-sample-app-7d9f-b2")) {
                    expected.add(new TreeMap<>(Map.of("job", "claw-ai-agent", "instance", podName, "pod", podName,
                            "namespace", "claw-ai", "node", "node-1", "service", "claw-ai-sample-app")));
                }
                assertEquals(expected, labels);
                JsonNode series = prometheus.query("claw_ai_http_requests_total");
                ai.claw.it.Waits.until(Duration.ofSeconds(20), "both pods' series", () -> prometheus.query("claw_ai_http_requests_total").size() == 2);
                for (JsonNode s : prometheus.query("claw_ai_http_requests_total")) {
                    assertEquals("5", s.path("value").get(1).asText(), series.toString());
                }
            }
        }
    }

    private static final Pattern NOT_LABEL_CHAR = Pattern.compile("[^a-zA-Z0-9_]");

    private static String sanitize(String name) {
        return NOT_LABEL_CHAR.matcher(name).replaceAll("_");
    }

    /**
     * The targets Prometheus' kubernetes_sd (role pod) makes of one pod: one per declared port of
     * every container and init container, one per container without ports, each with the pod's
     * meta labels (discovery/kubernetes/pod.go).
     */
    private static void addPod(ArrayNode groups, Deployment deployment, String podName, String phase, String scrape, int agentPort) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("__meta_kubernetes_namespace", "claw-ai");
        labels.put("__meta_kubernetes_pod_name", podName);
        labels.put("__meta_kubernetes_pod_ip", "127.0.0.1");
        labels.put("__meta_kubernetes_pod_host_ip", "127.0.0.1");
        labels.put("__meta_kubernetes_pod_node_name", "node-1");
        labels.put("__meta_kubernetes_pod_phase", phase);
        labels.put("__meta_kubernetes_pod_ready", "Running".equals(phase) ? "true" : "false");
        labels.put("__meta_kubernetes_pod_uid", "00000000-0000-0000-0000-" + String.format("%012d", Math.abs(podName.hashCode())));
        labels.put("__meta_kubernetes_pod_controller_kind", "ReplicaSet");
        labels.put("__meta_kubernetes_pod_controller_name", podName.substring(0, podName.lastIndexOf('-')));
        for (Map.Entry<String, String> l : deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet()) {
            labels.put("__meta_kubernetes_pod_label_" + sanitize(l.getKey()), l.getValue());
            labels.put("__meta_kubernetes_pod_labelpresent_" + sanitize(l.getKey()), "true");
        }
        Map<String, String> annotations = new TreeMap<>(deployment.getSpec().getTemplate().getMetadata().getAnnotations());
        annotations.put("prometheus.io/port", Integer.toString(agentPort));
        annotations.put("prometheus.io/scrape", scrape);
        for (Map.Entry<String, String> a : annotations.entrySet()) {
            labels.put("__meta_kubernetes_pod_annotation_" + sanitize(a.getKey()), a.getValue());
            labels.put("__meta_kubernetes_pod_annotationpresent_" + sanitize(a.getKey()), "true");
        }
        PodSpec spec = deployment.getSpec().getTemplate().getSpec();
        List<Map.Entry<Container, Boolean>> containers = new ArrayList<>();
        spec.getContainers().forEach(c -> containers.add(Map.entry(c, false)));
        spec.getInitContainers().forEach(c -> containers.add(Map.entry(c, true)));
        for (Map.Entry<Container, Boolean> ce : containers) {
            Container c = ce.getKey();
            Map<String, String> base = new TreeMap<>(labels);
            base.put("__meta_kubernetes_pod_container_name", c.getName());
            base.put("__meta_kubernetes_pod_container_image", c.getImage());
            base.put("__meta_kubernetes_pod_container_init", ce.getValue().toString());
            if (c.getPorts().isEmpty()) {
                addGroup(groups, "127.0.0.1", base);
            }
            for (ContainerPort p : c.getPorts()) {
                int number = "claw-metrics".equals(p.getName()) ? agentPort : p.getContainerPort();
                Map<String, String> withPort = new TreeMap<>(base);
                withPort.put("__meta_kubernetes_pod_container_port_name", p.getName() == null ? "" : p.getName());
                withPort.put("__meta_kubernetes_pod_container_port_number", Integer.toString(number));
                withPort.put("__meta_kubernetes_pod_container_port_protocol", p.getProtocol() == null ? "TCP" : p.getProtocol());
                addGroup(groups, "127.0.0.1:" + number, withPort);
            }
        }
    }

    private static void addGroup(ArrayNode groups, String address, Map<String, String> labels) {
        ObjectNode group = groups.addObject();
        group.putArray("targets").add(address);
        ObjectNode l = group.putObject("labels");
        labels.forEach(l::put);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, String> textMap(JsonNode node) {
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }
}
