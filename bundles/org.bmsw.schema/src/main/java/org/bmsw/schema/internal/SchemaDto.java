package org.bmsw.schema.internal;

import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The schema file as it is written: every field optional here, checked by {@link SchemaReader}. */
record SchemaDto(
        @JsonProperty("$schema") String schemaRef,
        @JsonProperty("formatVersion") Integer formatVersion,
        @JsonProperty("profile") String profile,
        @JsonProperty("name") LinkedHashMap<String, String> name,
        @JsonProperty("models") List<String> models,
        @JsonProperty("persistence") String persistence,
        @JsonProperty("notes") List<String> notes,
        @JsonProperty("groups") List<GroupDto> groups,
        @JsonProperty("parameters") List<ParamDto> parameters,
        @JsonProperty("rules") List<RuleDto> rules,
        @JsonProperty("envelopes") List<EnvelopeDto> envelopes) {

    record GroupDto(
            @JsonProperty("key") String key,
            @JsonProperty("label") LinkedHashMap<String, String> label,
            @JsonProperty("order") Integer order) {
    }

    record ParamDto(
            @JsonProperty("key") String key,
            @JsonProperty("group") String group,
            @JsonProperty("label") LinkedHashMap<String, String> label,
            @JsonProperty("description") LinkedHashMap<String, String> description,
            @JsonProperty("unit") String unit,
            @JsonProperty("type") String type,
            @JsonProperty("scale") Double scale,
            @JsonProperty("offset") Double offset,
            @JsonProperty("min") Double min,
            @JsonProperty("max") Double max,
            @JsonProperty("step") Double step,
            @JsonProperty("enumeration") LinkedHashMap<String, LinkedHashMap<String, String>> enumeration,
            @JsonProperty("default") Double defaultValue,
            @JsonProperty("access") String access,
            @JsonProperty("writable") Boolean writable,
            @JsonProperty("location") LocationDto location,
            @JsonProperty("dangerous") DangerousDto dangerous,
            @JsonProperty("note") String note) {
    }

    record LocationDto(
            @JsonProperty("register") JsonNode register,
            @JsonProperty("xcp") XcpDto xcp) {
    }

    record XcpDto(
            @JsonProperty("address") JsonNode address,
            @JsonProperty("extension") Integer extension,
            @JsonProperty("size") Integer size) {
    }

    record DangerousDto(
            @JsonProperty("reason") LinkedHashMap<String, String> reason,
            @JsonProperty("values") List<Double> values) {
    }

    record RuleDto(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("left") String left,
            @JsonProperty("right") String right,
            @JsonProperty("keys") List<String> keys,
            @JsonProperty("total") String total,
            @JsonProperty("key") String key,
            @JsonProperty("factors") List<String> factors,
            @JsonProperty("unitFactor") Double unitFactor,
            @JsonProperty("tolerance") Double tolerance,
            @JsonProperty("orEqual") Boolean orEqual,
            @JsonProperty("lastOrEqual") Boolean lastOrEqual,
            @JsonProperty("severity") String severity,
            @JsonProperty("skipIf") LinkedHashMap<String, Double> skipIf,
            @JsonProperty("message") LinkedHashMap<String, String> message,
            @JsonProperty("note") String note) {
    }

    record EnvelopeDto(
            @JsonProperty("chemistry") String chemistry,
            @JsonProperty("label") LinkedHashMap<String, String> label,
            @JsonProperty("limits") LinkedHashMap<String, LimitDto> limits) {
    }

    record LimitDto(
            @JsonProperty("min") Double min,
            @JsonProperty("max") Double max) {
    }
}
