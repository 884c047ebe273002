-- Argo CD health check for every profitbricks.com kind (same conditions on each).
-- Install it in argocd-cm as resource.customizations.health.profitbricks.com_<Kind>
-- (see argocd-cm-patch.yaml). Mirrors the kstatus rules Flux applies.
local hs = {}
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator"
  return hs
end
local ready, reconciling, stalled
for _, c in ipairs(obj.status.conditions) do
  if c.type == "Ready" then ready = c end
  if c.type == "Reconciling" then reconciling = c end
  if c.type == "Stalled" then stalled = c end
end
-- paused: nothing is applied, whatever Ready says about the spec it last acted on
if reconciling ~= nil and reconciling.reason == "Paused" then
  hs.status = "Suspended"
  hs.message = reconciling.message or "profitbricks.com/paused is \"true\""
  if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= obj.metadata.generation then
    hs.message = hs.message .. " (the latest spec is not applied)"
  end
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to see the latest spec"
  return hs
end
-- writes held by a human's choice (preview annotation, managementPolicy Observe): the
-- calls due are in status.plan; nothing will happen until the human acts
if ready ~= nil and ready.status ~= "True" and (ready.reason == "Planned" or ready.reason == "Drifted") then
  hs.status = "Suspended"
  hs.message = ready.reason .. ": " .. (ready.message or "")
  return hs
end
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = stalled.reason .. ": " .. (stalled.message or "")
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or ""
  return hs
end
hs.status = "Progressing"
if ready ~= nil then
  hs.message = ready.reason .. ": " .. (ready.message or "")
end
return hs
