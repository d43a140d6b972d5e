extension OutcomeRules {
    /// The built-in rule set: DESIGN.md's defaults ("Outcomes and KPIs").
    public static let `default` = OutcomeRules(
        version: "default-3",
        confidenceThreshold: 0.5,
        fallbackIntents: [
            "fallback", "nlu_fallback", "out_of_scope", "default_fallback", "Default Fallback Intent",
            "None", "AMAZON.FallbackIntent", "FallbackIntent",
        ],
        smallTalkIntents: [
            "greet", "greeting", "hello", "goodbye", "bye", "thanks", "thank_you", "thankyou", "affirm", "deny",
            "confirm", "inform", "complain", "complaint", "request_agent", "human_handoff", "agent_request",
            "chitchat", "smalltalk", "small_talk", "bot_challenge", "mood_great", "mood_unhappy",
        ],
        greetings: Phrases(
            en: [
                "hi", "hello", "hey", "hiya", "heya", "howdy", "yo", "greetings", "hi there", "hello there",
                "hey there", "good morning", "good afternoon", "good evening", "morning", "evening",
                "anyone there", "is anyone there", "anybody there", "are you there", "hi bot", "hello bot",
                "hey bot", "hi again", "hello again", "hey again", "helo", "hallo", "sup", "whats up",
            ],
            zh: [
                "你好", "您好", "嗨", "哈喽", "哈啰", "哈罗", "在吗", "在不在", "有人吗", "有人在吗", "早上好",
                "上午好", "下午好", "晚上好", "早", "喂", "你好呀", "您好呀", "你好啊",
            ]
        ),
        confirmations: Phrases(
            en: [
                "thanks", "thank you", "thank u", "thankyou", "thanx", "thnx", "thx", "ty", "tysm", "tyvm",
                "cheers", "many thanks", "appreciate it", "appreciated", "much appreciated",
                "that worked", "it worked", "worked", "works now", "it works", "that works", "working now",
                "solved", "resolved", "fixed", "sorted", "perfect", "great", "awesome", "excellent",
                "brilliant", "wonderful", "fantastic", "got it", "that helps", "that helped", "helpful",
                "that was helpful", "all good", "all set", "that did it", "that did the trick",
                "problem solved", "issue resolved", "exactly what i needed", "thats what i needed",
            ],
            zh: [
                "谢谢", "感谢", "多谢", "谢啦", "谢了", "3q", "解决了", "已解决", "搞定", "好了", "可以了",
                "行了", "明白了", "懂了", "知道了", "有用", "有帮助", "太好了", "完美", "没问题了",
            ]
        ),
        negations: Phrases(
            en: [
                "no thanks", "no thank you", "no thx", "not solved", "not resolved", "not fixed",
                "not helpful", "unhelpful", "useless", "still", "anyway", "anyways", "no luck",
                "not really", "not at all", "never mind", "nevermind", "forget it", "waste of time",
                "not what i", "wrong", "doesnt make sense", "human", "real person", "representative",
                "speak to an agent", "talk to an agent", "an agent", "live agent", "frustrated", "frustrating",
                "ridiculous", "no help", "no good", "no use", "not working", "not work", "for nothing",
            ],
            zh: [
                "没有解决", "没解决", "未解决", "不能解决", "解决不了", "没能解决", "还没解决", "还没有解决",
                "不行", "没用", "没有用", "不对", "还是", "不好使", "没帮助", "没有帮助", "没帮上", "无法",
                "不满意", "算了", "不管用", "没效果", "没反应", "人工", "客服", "不是我要的", "没看懂", "不明白",
                "还没", "没懂", "没有好", "没好",
            ]
        ),
        negators: ["not", "never", "didnt", "doesnt", "dont", "isnt", "wasnt", "arent", "werent",
                   "cant", "cannot", "couldnt", "wont", "wouldnt", "hasnt", "havent", "nothing"],
        successWords: ["work", "works", "worked", "working", "help", "helps", "helped", "helping",
                       "solve", "solves", "solved", "resolve", "resolved", "fix", "fixed", "fixes",
                       "answer", "answered", "sorted", "useful", "good", "great", "perfect", "right"],
        csat: CSATRule(scaleMax: 5, resolvedMin: 4),
        returnWindows: ReturnWindows(deflectionHours: 24, durableDays: 7),
        apiFailureEscalationTurns: 3,
        costs: Costs(humanConversation: 6.00, botConversation: 0.50, currency: "USD")
    )
}
