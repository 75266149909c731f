<#-- MetalLB in layer 2 mode: its address pool and advertisement are objects of the cluster's core
     configuration (clusters/CLUSTER/core/), not values. FRR (BGP) is not used. -->
speaker:
  frr:
    enabled: false
