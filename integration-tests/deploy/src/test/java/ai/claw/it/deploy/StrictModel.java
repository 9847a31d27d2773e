package ai.claw.it.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Strict schema check of Kubernetes manifests against the fabric8 Kubernetes model (generated
 * from the Kubernetes OpenAPI schema, and from the Prometheus Operator's CRDs for
 * monitoring.coreos.com/v1): every field must exist in the schema with its type, no scalar is
 * coerced (a number where a string belongs, e.g. an unquoted annotation value, fails as the
 * API server fails it), and since the fabric8 types collect unknown fields in
 * {@code additionalProperties} instead of failing, every object of the tree is walked and any
 * such field reported.
 */
final class StrictModel {

    static final ObjectMapper YAML_TREE = new ObjectMapper(new YAMLFactory());

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    private static final Map<String, Class<?>> KINDS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "apps/v1 StatefulSet", StatefulSet.class,
            "apps/v1 DaemonSet", DaemonSet.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 ServiceAccount", ServiceAccount.class,
            "v1 Namespace", Namespace.class,
            "monitoring.coreos.com/v1 PodMonitor", PodMonitor.class,
            "monitoring.coreos.com/v1 ServiceMonitor", ServiceMonitor.class);

    private StrictModel() {
    }

    /** Every YAML document of a (multi-document) text, as trees; empty documents skipped. */
    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML_TREE.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** Reads one document into its model type; problems (unknown fields, wrong types, unknown kind) are added to {@code problems}. */
    static Object read(JsonNode doc, String where, List<String> problems) {
        String key = doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
        Class<?> type = KINDS.get(key);
        if (type == null) {
            problems.add(where + ": no schema for '" + key + "' (known: " + KINDS.keySet() + ")");
            return null;
        }
        String name = where + " " + key + " " + doc.path("metadata").path("name").asText("<no name>");
        if (doc.path("metadata").path("name").asText().isEmpty()) {
            problems.add(name + ": metadata.name is required");
        }
        Object model;
        try {
            model = STRICT.treeToValue(doc, type);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
            return null;
        }
        walk(model, name, problems);
        return model;
    }

    private static void walk(Object o, String path, List<String> problems) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), problems);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : o.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": field(s) not in the schema: " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            walk(value, path + "." + field, problems);
        }
    }
}
