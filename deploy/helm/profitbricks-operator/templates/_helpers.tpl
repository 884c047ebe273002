{{/* The chart's name, or nameOverride: the app.kubernetes.io/name label */}}
{{- define "pbo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The name of every object: fullnameOverride, else the release name when it contains the chart's
name (release "profitbricks-operator"), else <release>-<chart name> (release "pbo":
"pbo-profitbricks-operator"); 63 characters at most. So two releases never share a ClusterRole or
a Lease, and `helm install operator` does not make a ClusterRole named "operator".
*/}}
{{- define "pbo.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "pbo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pbo.labels" -}}
helm.sh/chart: {{ include "pbo.chart" . }}
{{ include "pbo.selector" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "pbo.selector" -}}
app.kubernetes.io/name: {{ include "pbo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "pbo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "pbo.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Lease of leader election: one per release, so two releases in a namespace elect apart */}}
{{- define "pbo.leaseName" -}}
{{- default (include "pbo.fullname" .) .Values.leaderElection.leaseName -}}
{{- end -}}

{{/* The simulator keeps its cloud in the pod's memory: one pod, whatever replicaCount says */}}
{{- define "pbo.replicas" -}}
{{- if .Values.simulator -}}1{{- else -}}{{ .Values.replicaCount }}{{- end -}}
{{- end -}}

{{- define "pbo.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* The rules the operator needs on its kinds, Secrets and events (cluster-wide or per namespace) */}}
{{- define "pbo.rules" -}}
- apiGroups: ["profitbricks.com"]
  resources: ["pbdatacenters", "pblans", "pbipblocks", "pbvolumes", "pbservers", "pbnics"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["profitbricks.com"]
  resources: ["pbdatacenters/status", "pblans/status", "pbipblocks/status", "pbvolumes/status", "pbservers/status", "pbnics/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["profitbricks.com"]
  resources: ["pbdatacenters/finalizers", "pblans/finalizers", "pbipblocks/finalizers", "pbvolumes/finalizers", "pbservers/finalizers", "pbnics/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end -}}
