"""`parting check --case`: the draft's figures matched to the package computed from the case.

`read` finds amounts and dates in any common form and locale; `known` gathers what the
package knows; `match` compares them and reports findings of the facts family (`rules`,
F1xx money, F2xx dates, F3xx records); `judge` adds the `facts` principle to a judgement.
Above `plan` and `check`, below the faces: `parting check` without `--case` never loads it.
"""
