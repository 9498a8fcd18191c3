{{/*
Names and labels, as `helm create` makes them. The Job of a bot is named like htctl names it
(job/cluster/names.py): "ht-" + the sanitised bot name + "-" + 8 hex of sha256(bot name).
*/}}
{{- define "huggingtweets.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "huggingtweets.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "huggingtweets.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* app.kubernetes.io/name is always huggingtweets: htctl status finds the Jobs by it. */}}
{{- define "huggingtweets.labels" -}}
helm.sh/chart: {{ include "huggingtweets.chart" . }}
app.kubernetes.io/name: huggingtweets
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: htctl
{{- end }}

{{/* A bot's pod labels (job/cluster/manifests.py: pod_labels): podLabels, then ours. */}}
{{- define "huggingtweets.podLabels" -}}
{{- $labels := deepCopy (.root.Values.podLabels | default dict) -}}
{{- $_ := set $labels "app.kubernetes.io/name" "huggingtweets" -}}
{{- $_ = set $labels "app.kubernetes.io/instance" .root.Release.Name -}}
{{- $_ = set $labels "app.kubernetes.io/component" .component -}}
{{- $_ = set $labels "app.kubernetes.io/part-of" "htctl" -}}
{{- with .botLabel }}{{ $_ = set $labels "huggingtweets/bot" . }}{{ end -}}
{{- with .queueName }}{{ $_ = set $labels "kueue.x-k8s.io/queue-name" . }}{{ end -}}
{{- toYaml $labels -}}
{{- end }}

{{/* The pod securityContext (manifests.py: pod_security_context); runAsUser null: the
platform picks the IDs (OpenShift). */}}
{{- define "huggingtweets.podSecurityContext" -}}
runAsNonRoot: true
{{- if not (kindIs "invalid" .Values.runAsUser) }}
runAsUser: {{ int .Values.runAsUser }}
runAsGroup: {{ int .Values.runAsUser }}
fsGroup: {{ int .Values.runAsUser }}
{{- end }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The GPU step's or Job's resources (manifests.py: resources): the resources value wins
over the cpu/memory/ephemeralStorage shortcuts entry by entry; GPUs from gpusPerJob. */}}
{{- define "huggingtweets.resources" -}}
{{- $requests := dict "cpu" (toString .Values.cpu) "memory" (toString .Values.memory) "ephemeral-storage" (toString .Values.ephemeralStorage) -}}
{{- $limits := dict "memory" (toString .Values.memory) -}}
{{- range $k, $v := (.Values.resources.requests | default dict) }}{{ $_ := set $requests $k (toString $v) }}{{ end -}}
{{- range $k, $v := (.Values.resources.limits | default dict) }}{{ $_ := set $limits $k (toString $v) }}{{ end -}}
{{- if gt (int .Values.gpusPerJob) 0 }}{{ $_ := set $limits .Values.gpuResource (toString (int .Values.gpusPerJob)) }}{{ end -}}
{{- toYaml (dict "requests" $requests "limits" $limits) -}}
{{- end }}

{{- define "huggingtweets.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "huggingtweets.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
One bot entry ("elonmusk+Karpathy") -> JSON {"name": "elonmusk-karpathy", "spec": "elonmusk+Karpathy"},
the rules of job/bots.py: tokens split on whitespace, "," and "+"; a token is an X handle
(optional @), x:, bsky:, mastodon:, archive:NAME=PATH or file:NAME=PATH; keys are lower-case,
repeats collapse to the first, names sort and join with "-" ("-" inside a key doubled).
*/}}
{{- define "huggingtweets.bot" -}}
{{- $entry := . -}}
{{- $xre := "^[A-Za-z0-9_]{1,15}$" -}}
{{- $label := "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?" -}}
{{- $domain := printf "^(?:%s\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$" $label -}}
{{- $mastodonUser := "^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?$" -}}
{{- $seen := dict -}}
{{- $specs := list -}}
{{- $parts := list -}}
{{- range $token := compact (regexSplit "[\\s,+]+" (trim $entry) -1) -}}
  {{- $kind := "x" -}}
  {{- $rest := $token -}}
  {{- if contains ":" $token -}}
    {{- $kind = regexReplaceAll ":.*$" $token "" -}}
    {{- $rest = regexReplaceAll "^[^:]*:" $token "" -}}
  {{- end -}}
  {{- $name := "" -}}
  {{- $spec := "" -}}
  {{- if eq $kind "x" -}}
    {{- $name = trimPrefix "@" $rest -}}
    {{- if not (regexMatch $xre $name) -}}
      {{- fail (printf "bots: invalid handle %q in %q: an X handle is 1 to 15 letters, digits or underscores" $token $entry) -}}
    {{- end -}}
    {{- $spec = $name -}}
  {{- else if eq $kind "bsky" -}}
    {{- $name = trimPrefix "@" $rest -}}
    {{- if or (gt (len $name) 200) (not (regexMatch $domain $name)) -}}
      {{- fail (printf "bots: invalid Bluesky handle %q in %q" $token $entry) -}}
    {{- end -}}
    {{- $spec = printf "bsky:%s" $name -}}
  {{- else if eq $kind "mastodon" -}}
    {{- $name = trimPrefix "@" $rest -}}
    {{- $user := regexReplaceAll "@.*$" $name "" -}}
    {{- $instance := regexReplaceAll "^[^@]*@?" $name "" -}}
    {{- if or (not (contains "@" $name)) (not (regexMatch $mastodonUser $user)) (contains ".." $user) (gt (len $instance) 200) (not (regexMatch $domain $instance)) -}}
      {{- fail (printf "bots: invalid Mastodon account %q in %q" $token $entry) -}}
    {{- end -}}
    {{- $spec = printf "mastodon:%s" $name -}}
  {{- else if or (eq $kind "archive") (eq $kind "file") -}}
    {{- $name = regexReplaceAll "=.*$" $rest "" -}}
    {{- $path := regexReplaceAll "^[^=]*=?" $rest "" -}}
    {{- if or (not (contains "=" $rest)) (eq $path "") -}}
      {{- fail (printf "bots: invalid handle %q: expected %s:NAME=PATH" $token $kind) -}}
    {{- end -}}
    {{- if not (regexMatch (ternary $xre "^[A-Za-z0-9_]{1,30}$" (eq $kind "archive")) $name) -}}
      {{- fail (printf "bots: invalid handle %q in %q" $token $entry) -}}
    {{- end -}}
    {{- $spec = printf "%s:%s=%s" $kind $name $path -}}
  {{- else -}}
    {{- fail (printf "bots: invalid handle %q: unknown source %q" $token $kind) -}}
  {{- end -}}
  {{- $key := lower $name -}}
  {{- $source := printf "%s|%s" $kind (regexReplaceAll "^[^=]*=?" (ternary $rest "" (or (eq $kind "archive") (eq $kind "file"))) "") -}}
  {{- if hasKey $seen $key -}}
    {{- if ne (get $seen $key) $source -}}
      {{- fail (printf "bots: handle %s is given twice with different sources in %q" $key $entry) -}}
    {{- end -}}
  {{- else -}}
    {{- $_ := set $seen $key $source -}}
    {{- $specs = append $specs $spec -}}
    {{- $parts = append $parts (replace "-" "--" $key) -}}
  {{- end -}}
{{- end -}}
{{- if not $specs -}}
  {{- fail (printf "bots: empty bot %q" $entry) -}}
{{- end -}}
{{- $botName := sortAlpha $parts | join "-" -}}
{{- if gt (len $botName) 255 -}}
  {{- fail (printf "bots: bot name of %q is longer than 255 bytes" $entry) -}}
{{- end -}}
{{- dict "name" $botName "spec" (join "+" $specs) | toJson -}}
{{- end }}

{{/* A bot name -> its Job name (job/cluster/names.py: job_name). */}}
{{- define "huggingtweets.jobName" -}}
{{- $hash := sha256sum . | trunc 8 -}}
{{- $body := regexReplaceAll "[^a-z0-9-]+" (lower .) "-" -}}
{{- $body = regexReplaceAll "-{2,}" $body "-" | trimAll "-" | trunc 51 | trimAll "-" -}}
{{- if $body }}{{ printf "ht-%s-%s" $body $hash }}{{ else }}{{ printf "ht-%s" $hash }}{{ end -}}
{{- end }}

{{/* A bot name -> its huggingtweets/bot label value (job/cluster/names.py: bot_label). */}}
{{- define "huggingtweets.botLabel" -}}
{{- if and (le (len .) 63) (regexMatch "^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$" .) -}}
{{- . -}}
{{- else -}}
{{- include "huggingtweets.jobName" . -}}
{{- end -}}
{{- end }}

{{/* Writable caches under a read-only root (job/cluster/manifests.py: CACHE_ENV, sorted). */}}
{{- define "huggingtweets.cacheEnv" -}}
- name: HF_HOME
  value: /cache/huggingface
- name: HOME
  value: /tmp
- name: MPLCONFIGDIR
  value: /tmp/matplotlib
- name: TMPDIR
  value: /tmp
- name: TORCH_EXTENSIONS_DIR
  value: /cache/torch_extensions
- name: TORCH_HOME
  value: /cache/torch
- name: TRITON_CACHE_DIR
  value: /cache/triton
- name: XDG_CACHE_HOME
  value: /cache
{{- end }}

{{/* Secrets loaded whole (job/cluster/manifests.py: container_env_from): s3Secret, then
envSecrets in order (tokens of the optional destinations: HF_TOKEN, WANDB_API_KEY). */}}
{{- define "huggingtweets.envFrom" -}}
{{- $refs := list -}}
{{- range compact (prepend .Values.envSecrets .Values.s3Secret) -}}
{{- $refs = append $refs (dict "secretRef" (dict "name" .)) -}}
{{- end -}}
{{- toYaml $refs -}}
{{- end }}

{{/* The ServiceAccount of the Workflow's pods: only Argo's executor uses its token. */}}
{{- define "huggingtweets.workflowServiceAccountName" -}}
{{- default (printf "%s-workflow" (include "huggingtweets.fullname" .)) .Values.argo.serviceAccountName }}
{{- end }}

{{/* A value for a container's args or env, quoted: Kubernetes expands "$(VAR)" there from the
pod's environment (Secrets included) and turns "$$" into "$" (job/cluster/manifests.py:
literal). */}}
{{- define "huggingtweets.literal" -}}
{{- toString . | replace "$" "$$" | quote }}
{{- end }}

{{/* The same for an Argo parameter ("inputs.parameters.bot"), quoted: an Argo expression that
escapes "$" when the step's pod is made, whoever submitted the Workflow. */}}
{{- define "huggingtweets.argoLiteral" -}}
{{- printf "{{=sprig.replace('$', '$$', %s)}}" . | quote }}
{{- end }}
