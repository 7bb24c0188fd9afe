"""The Kubernetes manifests in deploy/kubernetes, checked offline: every object against the
bundled JSON schemas of a pinned Kubernetes version (kubernetes-validate, strict: unknown fields
fail), and the properties the deployment guide promises (probes, resources, autoscaling, one
public door)."""
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from scripts.stack import ROOT

KUBERNETES = "1.30.0"
DEPLOY = ROOT / "deploy" / "kubernetes"
KUSTOMIZATION = yaml.safe_load((DEPLOY / "kustomization.yaml").read_text())
OBJECTS = [
    (name, obj)
    for name in KUSTOMIZATION["resources"]
    for obj in yaml.safe_load_all((DEPLOY / name).read_text())
    if obj
]


def objects(kind: str) -> dict[str, dict]:
    return {obj["metadata"]["name"]: obj for _, obj in OBJECTS if obj["kind"] == kind}


def containers(deployment: dict) -> list[dict]:
    spec = deployment["spec"]["template"]["spec"]
    return spec.get("initContainers", []) + spec["containers"]


def test_every_manifest_file_is_listed_in_the_kustomization():
    assert sorted(KUSTOMIZATION["resources"]) == sorted(
        p.name for p in DEPLOY.glob("*.yaml") if p.name != "kustomization.yaml"
    )


@pytest.mark.parametrize("source,obj", OBJECTS, ids=[f"{n}:{o['kind']}/{o['metadata']['name']}" for n, o in OBJECTS])
def test_manifest_is_valid_for_the_pinned_kubernetes(source, obj):
    kubernetes_validate.validate(obj, KUBERNETES, strict=True)


def test_every_container_has_requests_and_limits():
    for name, deployment in objects("Deployment").items():
        for container in containers(deployment):
            resources = container.get("resources", {})
            assert {"cpu", "memory"} <= set(resources.get("requests", {})), (name, container["name"])
            assert "memory" in resources.get("limits", {}), (name, container["name"])


def test_every_long_running_container_has_readiness_and_liveness_probes():
    for name, deployment in objects("Deployment").items():
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert "readinessProbe" in container and "livenessProbe" in container, name


def test_gateway_probes_its_health_endpoints():
    gateway = objects("Deployment")["gateway"]["spec"]["template"]["spec"]["containers"][0]
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert gateway["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_gateway_and_rasa_scale_horizontally():
    targets = {hpa["spec"]["scaleTargetRef"]["name"] for hpa in objects("HorizontalPodAutoscaler").values()}
    assert targets == {"gateway", "rasa"}


def test_only_the_gateway_is_exposed():
    assert all(s["spec"].get("type", "ClusterIP") == "ClusterIP" for s in objects("Service").values())
    backends = {
        path["backend"]["service"]["name"]
        for ingress in objects("Ingress").values()
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert backends == {"gateway"}


def test_rasa_shares_one_model_and_keeps_state_in_redis():
    rasa = objects("Deployment")["rasa"]["spec"]["template"]["spec"]
    assert [c["name"] for c in rasa["initContainers"]] == ["fetch-model"]
    endpoints = yaml.safe_load(objects("ConfigMap")["rasa-config"]["data"]["endpoints.yml"])
    assert endpoints["tracker_store"]["type"] == "redis" and endpoints["lock_store"]["type"] == "redis"
    credentials = yaml.safe_load(objects("ConfigMap")["rasa-config"]["data"]["credentials.yml"])
    assert list(credentials) == ["rasa_extensions.balise.BaliseInput"]  # no REST, no socket.io


def test_no_secret_is_committed():
    assert objects("Secret") == {}


def test_rasa_starts_through_the_launcher_that_imports_skops_first():
    rasa = objects("Deployment")["rasa"]["spec"]["template"]["spec"]["containers"][0]
    assert rasa["command"] == ["python", "-m", "rasa_extensions.cli", "run"]
