package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A network interface of a server, in a LAN. */
@JsonClassDescription(
    "A network interface of a server, in a LAN, with its firewall rules. Use it for NICs added to a server apart from the server's own inline nics.")
@Group("profitbricks.com")
@Version("v1alpha1")
@ShortNames("pbnic")
@Categories("profitbricks")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "ID",
    jsonPath = ".status.id",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "State",
    jsonPath = ".status.state",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Request",
    jsonPath = ".status.request.status",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Server",
    jsonPath = ".status.serverId",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Planned",
    jsonPath = ".status.plan.count",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@SchemaCustomizer(value = StatusSchema.class, input = StatusSchema.STATUS_DEFAULT)
@ValidationRule(value = CommonSpec.ADOPT_ID_RULE, message = CommonSpec.ADOPT_ID_MESSAGE)
@ValidationRule(value = CommonSpec.CREDENTIALS_RULE, message = CommonSpec.CREDENTIALS_MESSAGE)
@SchemaCustomizer(value = Explain.class, input = "com.profitbricks.operator.api.v1alpha1.PBNic")
public class PBNic extends CustomResource<PBNicSpec, PBNicStatus> implements Namespaced {}
