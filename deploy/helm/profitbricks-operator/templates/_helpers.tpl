{{- define "pbo.name" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pbo.labels" -}}
app.kubernetes.io/name: profitbricks-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "pbo.selector" -}}
app.kubernetes.io/name: profitbricks-operator
app.kubernetes.io/instance: {{ .Release.Name }}
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
