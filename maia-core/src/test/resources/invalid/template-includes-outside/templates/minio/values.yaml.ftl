mode: standalone
<#include "../../platform.yaml">
