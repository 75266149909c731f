a: 1
<#include "values.yaml.ftl">
