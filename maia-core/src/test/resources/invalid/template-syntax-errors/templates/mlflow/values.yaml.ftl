<#include "common.ftl">
backendStore: ${project.name?frobnicate}
