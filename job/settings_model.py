"""The cluster settings themselves: one frozen dataclass whose fields are the settings, with
their defaults and help (job.settings reads them, job.settings_checks checks them)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

DEFAULT_IMAGE = "ghcr.io/htctl/htctl:0.1.0"
PROJECT_URL = "https://github.com/htctl/htctl"
DEFAULT_GPU_RESOURCE = "nvidia.com/gpu"
DEFAULT_RUN_AS = 10001  # the image's user (Dockerfile: USER 10001:10001)


def _doc(help_text: str, **kw: Any) -> dict[str, Any]:
    return {"help": help_text, **kw}


@dataclass(frozen=True)
class Settings:
    """What a Job needs to run one bot, and how htctl talks to the cluster."""

    store: str = field(
        default="", metadata=_doc("Required: the store every Job writes to, s3://bucket/prefix.")
    )
    image: str = field(default=DEFAULT_IMAGE, metadata=_doc("Job image (ENTRYPOINT htctl)."))
    imagePullPolicy: str = field(default="IfNotPresent", metadata=_doc("Image pull policy."))
    imagePullSecrets: list = field(
        default_factory=list,
        metadata=_doc("Secrets for a private registry, as in a pod: [{name: regcred}]."),
    )
    namespace: str = field(default="default", metadata=_doc("Namespace of the Jobs."))
    instance: str = field(
        default="htctl",
        metadata=_doc(
            "Label app.kubernetes.io/instance of the Jobs and Workflows: status, wait, cancel "
            "and launch only see their own instance's (the chart uses its release name)."
        ),
    )
    gpusPerJob: int = field(
        default=1, metadata=_doc("GPUs per Job; N > 1 trains under torchrun with N processes.")
    )
    gpuResource: str = field(
        default=DEFAULT_GPU_RESOURCE,
        metadata=_doc(
            "Resource name of a GPU: nvidia.com/gpu, a MIG or time-sliced share such as "
            "nvidia.com/mig-1g.10gb, amd.com/gpu."
        ),
    )
    baseModel: str = field(default="gpt2", metadata=_doc("Base model: hub id, store path or tiny."))
    adapter: str = field(
        default="none",
        metadata=_doc(
            "Training: none fine-tunes every weight, lora trains a LoRA adapter (tune it with "
            "HT_TRAIN_LORA_RANK, _ALPHA, _DROPOUT, _TARGETS in env)."
        ),
    )
    mergeAdapter: bool = field(
        default=False,
        metadata=_doc("With adapter lora: publish merged full weights instead of the adapter."),
    )
    s3Secret: str = field(
        default="",
        metadata=_doc("Secret loaded with envFrom: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ..."),
    )
    xSecret: str = field(
        default="", metadata=_doc("Secret holding the X bearer token (HT_X_BEARER_TOKEN).")
    )
    xSecretKey: str = field(
        default="HT_X_BEARER_TOKEN", metadata=_doc("Key of the token in xSecret.")
    )
    envSecrets: list = field(
        default_factory=list,
        metadata=_doc(
            "Secrets loaded whole with envFrom after s3Secret, for the optional destinations: "
            "HF_TOKEN, WANDB_API_KEY."
        ),
    )
    env: dict = field(
        default_factory=dict,
        metadata=_doc("Extra plain env for the Job (no secrets), e.g. {AWS_ENDPOINT_URL: ...}."),
    )
    cpu: str = field(default="4", metadata=_doc("CPU request per Job."))
    memory: str = field(default="32Gi", metadata=_doc("Memory request and limit per Job."))
    shmSize: str = field(default="8Gi", metadata=_doc("Size of /dev/shm (memory-backed)."))
    tmpSize: str = field(default="10Gi", metadata=_doc("Size limit of the /tmp emptyDir."))
    cacheSize: str = field(
        default="20Gi",
        metadata=_doc("Size limit of the /cache emptyDir (models: GPT-2 is about 1.5 GB)."),
    )
    ephemeralStorage: str = field(
        default="30Gi",
        metadata=_doc("Local disk requested per Job (ephemeral-storage): tmpSize + cacheSize."),
    )
    resources: dict = field(
        default_factory=dict,
        metadata=_doc(
            "A container resources block {requests: {...}, limits: {...}}: its entries win over "
            "cpu, memory and ephemeralStorage; GPUs come from gpusPerJob and gpuResource."
        ),
    )
    nodeSelector: dict = field(default_factory=dict, metadata=_doc("Pod nodeSelector (YAML)."))
    tolerations: list = field(default_factory=list, metadata=_doc("Pod tolerations (YAML)."))
    affinity: dict = field(default_factory=dict, metadata=_doc("Pod affinity (YAML)."))
    podLabels: dict = field(
        default_factory=dict, metadata=_doc("Extra labels of the pods (not htctl's own).")
    )
    podAnnotations: dict = field(default_factory=dict, metadata=_doc("Annotations of the pods."))
    runAsUser: int | None = field(
        default=DEFAULT_RUN_AS,
        metadata=_doc(
            "UID, GID and fsGroup of the pods; null: the platform picks (OpenShift).",
            nullable=True,
        ),
    )
    priorityClassName: str = field(default="", metadata=_doc("Pod priority class."))
    queueName: str = field(
        default="", metadata=_doc("Kueue LocalQueue (label kueue.x-k8s.io/queue-name).")
    )
    serviceAccountName: str = field(
        default="", metadata=_doc("Service account of the Job's pod (e.g. for IRSA S3 access).")
    )
    activeDeadlineSeconds: int = field(
        default=86400, metadata=_doc("Job deadline in seconds (0: none).")
    )
    terminationGracePeriodSeconds: int = field(
        default=600,
        metadata=_doc("Seconds a pod gets after SIGTERM to save and upload a checkpoint."),
    )
    backoffLimit: int = field(default=3, metadata=_doc("Retries of exit 4 and crashes."))
    ttlSecondsAfterFinished: int = field(
        default=604800, metadata=_doc("Seconds a finished Job is kept (-1: forever).")
    )
    refresh: bool = field(
        default=False, metadata=_doc("Jobs run `htctl refresh BOT` instead of `htctl run`.")
    )
    argoTemplate: str = field(
        default="huggingtweets", metadata=_doc("WorkflowTemplate that --via argo submits from.")
    )
    argoWorkflowDeadlineSeconds: int = field(
        default=604800, metadata=_doc("Deadline of a whole Argo Workflow in seconds (0: none).")
    )
    argoPrepareDeadlineSeconds: int = field(
        default=14400,
        metadata=_doc(
            "Chart only (its WorkflowTemplate): deadline of a bot's Argo CPU step (scrape, "
            "prepare) in seconds (0: none)."
        ),
    )
    qps: float = field(default=20.0, metadata=_doc("htctl only: API requests per second."))
    burst: int = field(default=40, metadata=_doc("htctl only: API request burst."))
    concurrency: int = field(default=8, metadata=_doc("htctl only: parallel API requests."))
    kubeContext: str = field(default="", metadata=_doc("htctl only: kubeconfig context."))
    # -- htctl serve in the cluster: a Deployment and a Service (`htctl render --serve`, the
    # chart's serve.enabled); store, env, s3Secret, envSecrets, image, pod labels and disks are
    # the Jobs' settings.
    serveReplicas: int = field(default=1, metadata=_doc("Pods of the serve Deployment."))
    serveCpu: str = field(
        default="2",
        metadata=_doc("CPU request of a serve pod; its torch threads (OMP_NUM_THREADS) follow."),
    )
    serveMemory: str = field(
        default="8Gi",
        metadata=_doc("Memory request and limit of a serve pod: serveMaxModelMb and headroom."),
    )
    serveResources: dict = field(
        default_factory=dict,
        metadata=_doc(
            "A resources block for the serve pods whose entries win over serveCpu and "
            "serveMemory; GPUs come from serveGpus and gpuResource."
        ),
    )
    serveGpus: int = field(
        default=0,
        metadata=_doc("GPUs (gpuResource) per serve pod; serve samples on the CPU today."),
    )
    serveTokenSecret: str = field(
        default="",
        metadata=_doc("Secret holding serve's bearer token (HT_SERVE_TOKEN); set it when exposed."),
    )
    serveTokenSecretKey: str = field(
        default="HT_SERVE_TOKEN", metadata=_doc("Key of the token in serveTokenSecret.")
    )
    serveMaxModels: int = field(default=8, metadata=_doc("serve --max-models: models kept warm."))
    serveMaxModelMb: int = field(
        default=2048, metadata=_doc("serve --max-model-mb: MiB of weights kept warm.")
    )
    serveQueue: int = field(
        default=16, metadata=_doc("serve --queue: generations that may wait (more get 429).")
    )
    serveServiceType: str = field(
        default="ClusterIP",
        metadata=_doc("Type of the serve Service: ClusterIP, NodePort or LoadBalancer."),
    )
    serveNodeSelector: dict = field(
        default_factory=dict, metadata=_doc("nodeSelector of the serve pods (YAML).")
    )
    serveTolerations: list = field(
        default_factory=list, metadata=_doc("Tolerations of the serve pods (YAML).")
    )


FIELDS = {f.name: f for f in fields(Settings)}
